"""HTML pages to article records: trafilatura's structured extraction, HTML-only cleanup, then
the shared structure stage (`copydesk.structure.build`).

`copydesk.extract.page.parse_html` is the entry point the pipeline calls for every HTML
document (files, JSONL fields, WARC responses).
"""
