"""The map as the editor shows it: every claim in the file, the invalid ones too.

The loader leaves a claim out of the model when one of its fields is invalid (an
unknown `suports:`, a weight of 2): the checks must not reason about a claim they
cannot read.  The editor must still show it — in the tree, in find, under the
problem that names it — so that it can be fixed there.  Here each such claim is
rebuilt from the fields that do validate (the others are dropped, and the text
falls back to the id), and put back in file order.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from argmap.load import Document
from argmap.model import ARGUMENT_FIELDS, CLAIM_FIELDS, ArgMap, Argument, Claim

#: How many rounds of dropping fields are tried before a claim is shown by its id alone.
MAX_ROUNDS = 8


def editable_model(doc: Document) -> ArgMap | None:
    """`doc.model` with the claims it left out rebuilt from their valid fields (None without a model)."""
    model = doc.model
    if model is None or not isinstance(doc.data, dict):
        return model
    update: dict[str, Any] = {}
    raw_claims = doc.data.get("claims")
    if isinstance(raw_claims, dict) and any(str(cid) not in model.claims for cid in raw_claims):
        update["claims"] = {
            str(k): model.claims.get(str(k)) or repaired_claim(str(k), raw) for k, raw in raw_claims.items()
        }
    raw_arguments = doc.data.get("arguments")
    if isinstance(raw_arguments, dict) and any(str(a) not in model.arguments for a in raw_arguments):
        update["arguments"] = {
            str(k): model.arguments.get(str(k)) or repaired_argument(raw) for k, raw in raw_arguments.items()
        }
    return model.model_copy(update=update) if update else model


def repaired_argument(raw: Any) -> Argument:
    """An argument from whatever of `raw` validates (with no premises or conclusion if need be)."""
    fields: dict[str, Any] = (
        {k: v for k, v in raw.items() if k in ARGUMENT_FIELDS} if isinstance(raw, dict) else {}
    )
    for _ in range(MAX_ROUNDS):
        try:
            return Argument.model_validate(fields)
        except ValidationError as exc:
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            if not bad & set(fields):
                break
            fields = {k: v for k, v in fields.items() if k not in bad}
    return Argument()


def repaired_claim(cid: str, raw: Any) -> Claim:
    """A claim from whatever of `raw` validates; its id stands in for a missing or bad text."""
    fields: dict[str, Any] = (
        {k: v for k, v in raw.items() if k in CLAIM_FIELDS} if isinstance(raw, dict) else {}
    )
    if not isinstance(fields.get("text"), str) or not fields["text"].strip():
        fields["text"] = f"({cid})"
    for _ in range(MAX_ROUNDS):
        try:
            return Claim.model_validate(fields)
        except ValidationError as exc:
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
            if not bad - {"text"} or not bad & set(fields):
                break
            fields = {k: v for k, v in fields.items() if k not in bad or k == "text"}
    return Claim(text=f"({cid})")
