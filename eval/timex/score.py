"""The standard TERN/TempEval scores for temporal expression tagging.

strict: same start and end; relaxed: any overlap (one-to-one, greedy in text order);
value: relaxed match with the same normalized value (mod is ignored); type accuracy is
reported when the gold has types (TIMEX3), otherwise over matched spans with a value.
"""


def match(gold, system):
    """Pairs each gold span with at most one overlapping system span."""
    pairs, used = [], set()
    for g in gold:
        best = None
        for k, s in enumerate(system):
            if k in used or s["end"] <= g["start"] or s["start"] >= g["end"]:
                continue
            if best is None or (s["start"] == g["start"] and s["end"] == g["end"]):
                best = k
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def counts(gold, system):
    pairs = match(gold, system)
    strict = sum(1 for g, s in pairs if g["start"] == s["start"] and g["end"] == s["end"])
    value = sum(1 for g, s in pairs if g.get("val", "") == s.get("value", ""))
    typed = [(g, s) for g, s in pairs if g.get("type")]
    type_ok = sum(1 for g, s in typed if g["type"] == s.get("type"))
    return {"gold": len(gold), "sys": len(system), "relaxed": len(pairs), "strict": strict,
            "value": value, "typed": len(typed), "type_ok": type_ok}


def add(a, b):
    return {k: a.get(k, 0) + b[k] for k in b}


def f1(tp, n_gold, n_sys):
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return (2 * p * r / (p + r)) if p + r else 0.0, p, r


def summary(c):
    out = {}
    for k in ("strict", "relaxed", "value"):
        out[k] = f1(c[k], c["gold"], c["sys"])
    out["type"] = c["type_ok"] / c["typed"] if c["typed"] else None
    return out
