"""Schemathesis hooks for tools/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

JSON Schema describes each parameter on its own; a few of /api/search's and /api/timeline's
rules are not about
one parameter's shape, so a schema-valid request can still be refused with a 400 that
openapi.json documents. Only those refusals are accepted here, recognised by the error
message the server gives; every other refusal of schema-valid data (a limit the schema
allows but the server refuses, say) and every other check still fails the run.

- `as_of_from (1995) is after as_of_to (1990)`: a rule between two parameters.
- `bad query: …`: the query language's rules (no letters or digits, only -excluded words,
  `title:` with nothing after it, over 64 words or phrases, groups over 8 deep).
- `q is 1203 bytes; the limit is 1000`: the limit is in UTF-8 bytes, while the schema's
  maxLength counts characters.
- /api/timeline: the same three, `from (1995) is after to (1990)`, and its scope: `say whose
  timeline` (none of country, a and b, q given: each is optional, one is required) and `a and
  b go together` (one of the pair without the other).
- /api/relations and /api/diff: `from (1995) is after to (1990)` (for /api/diff, two
  Factbook editions).

And one refusal of schema-violating data that Schemathesis does not count as a refusal:
`414 URI Too Long` (documented on every operation with parameters), the answer to a
request URI over 8 KiB before any parameter is read (a long invalid `q`, say).

Each accepted failure is appended to $SCHEMATHESIS_DROPPED (a TSV file), when set, so a run
can be audited.
"""

import os
import re

import schemathesis

SEMANTIC_400 = re.compile(
    r"as_of_from \(\d+\) is after as_of_to \(\d+\)|bad query: |q is \d+ bytes; "
    r"|from \(\d+\) is after to \(\d+\)|say whose timeline|a and b go together"
)
SEMANTIC_400_PATHS = ("/api/search", "/api/timeline", "/api/relations", "/api/diff")


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if failure.code == "ST201" and response.status_code == 414:
        _log(f"414 for invalid data\t{case.path}", case)
        return False
    if failure.code != "ST202" or case.operation.path not in SEMANTIC_400_PATHS or response.status_code != 400:
        return True
    try:
        message = response.json().get("error", "")
    except ValueError:
        return True
    if not SEMANTIC_400.match(message):
        return True
    _log(message, case)
    return False


def _log(what, case):
    log = os.environ.get("SCHEMATHESIS_DROPPED")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{what}\t{case.query!r:.300}\n")
