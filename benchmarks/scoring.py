# TEMP local (not committed)
import re, statistics
from collections import Counter
DL = re.compile(r"^\s*[A-ZÀ-Þ][\w .,'’-]{1,60}?(?:\s*\([^)]{1,30}\))?\s*(?::|—|–|--|-)\s+")
def strip_dateline(t):
    m = DL.match(t or "")
    return t[m.end():] if m and len(m.group(0)) < 70 else t
def shingles(text, n=4):
    t = re.findall(r"\w+", text or "")
    return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])
def tp_fp_fn(true, pred):
    T, P = shingles(true), shingles(pred)
    tp = sum(min(T[k], P[k]) for k in T.keys() & P.keys())
    fp, fn = sum(P.values()) - tp, sum(T.values()) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)
def prf(triples):
    def p(tp, fp, fn): return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))
    def r(tp, fp, fn): return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))
    P = statistics.mean([p(*t) for t in triples if t[0] + t[1] > 0] or [0.0])
    R = statistics.mean([r(*t) for t in triples if t[0] + t[2] > 0] or [0.0])
    return P, R, (2 * P * R / (P + R) if P + R else 0.0)
