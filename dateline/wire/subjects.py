"""What the IPTC codes agencies classify their copy with mean, in words. Plain Python: no Django import.

medtop_labels.json holds the English label of every IPTC Media Topic, and of every old Subject
Code a Media Topic matches exactly, taken from IPTC's 2019 release (CC BY 4.0, IPTC; its
`_about` says which fields). A code it does not know shows the label the agency sent with it.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "medtop_labels.json"
# The scheme names agencies use, to the scheme of the label table.
SCHEMES = {
    "medtop": "medtop",
    "mediatopic": "medtop",
    "subj": "subj",
    "subject": "subj",
    "subjectcode": "subj",
}


@cache
def _labels():
    with open(LABELS, encoding="utf-8") as data:
        return json.load(data)


@dataclass(frozen=True)
class LabelledSubject:
    label: str
    qcode: str


def labelled(subject):
    """A stored subject ({"scheme", "code", "name"}) with its words first and its code after."""
    scheme = str(subject.get("scheme", "")).strip()
    code = str(subject.get("code", "")).strip().rpartition(":")[2]
    known = SCHEMES.get(scheme.casefold())
    label = _labels()[known].get(code, "") if known else ""
    return LabelledSubject(
        label=label or str(subject.get("name", "")).strip(),
        qcode=f"{known or scheme}:{code}" if scheme else code,
    )
