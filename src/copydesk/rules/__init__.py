"""Named, documented tables of patterns: one module per kind of line (see STYLE.md §7).

Keyword lists are per language; shape rules (length, punctuation, position, repetition) live in
the structure stage and carry the languages that no list covers.
"""
