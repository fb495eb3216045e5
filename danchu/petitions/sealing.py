"""Sealing a denouncer's identity (Law on Denunciations 25/2018/QH14 Arts 8(1), 9(1)(b), 47, 56).

The name, address, contact and identity number of a denouncer are encrypted at rest with
``cryptography``'s MultiFernet over ``settings.DANCHU_SEAL_KEYS``: the first key seals, every key
unseals, and ``reseal_all`` (``danchu petitions_reseal``) re-encrypts every row with the first
key after a new key was put first (rotation). Only the case's assigned handler may unseal, with a
stated reason, and every unseal — and every refused unseal — is audited with the reason, never
with the identity (Art. 56: the originals are managed as confidential).

Owner digests (issue #7 review): a case sent through the web by a signed-in resident carries
``owner_digest(user, n)``, a keyed HMAC-SHA256 (key derived from SECRET_KEY) of the user's id and
``n``, the index of the case among that user's web cases (0, 1, 2, …). Every case of a user
therefore carries a different value, and without the key nobody holding the database can tell
that a person's named feedback and their denunciation came from the same account. The owner's
own views find their cases again by computing their digests 0…n with the key
(``owner_digests``: one indexed query per ``OWNER_DIGEST_BATCH`` digests, so one query for
almost everyone). The parts of a split letter carry no digest: they belong to the owner of the
letter they were split from. We chose this over keeping the owner's id inside the sealed payload
because it needs no decryption to list "my cases" and works the same for every kind of case.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from danchu.common.text import fold
from danchu.core.audit.services import audit_record
from danchu.core.search.domain.folding import fold_aligned
from danchu.petitions.errors import PetitionError
from danchu.petitions.models.cases import Case, SealedIdentity

UNSEALED_ACTION = "petitions.identity_unsealed"
UNSEAL_REFUSED_ACTION = "petitions.unseal_refused"
NUMBER_RE = re.compile(r"\d[\d .\-]*\d")
OWNER_DIGEST_SALT = "danchu.petitions.owner_digest"
# Digests looked up per query, and how many unused indexes in a row end the search.
OWNER_DIGEST_BATCH = 100
OWNER_DIGEST_GAP = 20


class SealError(RuntimeError):
    """A sealed row cannot be opened with any configured key (a key was removed too early)."""


def _keys() -> list[bytes]:
    keys = [k.encode() if isinstance(k, str) else k for k in settings.DANCHU_SEAL_KEYS]
    if not keys:
        raise SealError("DANCHU_SEAL_KEYS is empty: no key to seal identities with.")
    return keys


def _multi() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def seal(identity: dict) -> bytes:
    """Encrypt ``identity`` (JSON-friendly) with the first key."""
    payload = json.dumps(identity, ensure_ascii=False, sort_keys=True).encode()
    return _multi().encrypt(payload)


def open_sealed(ciphertext: bytes | memoryview) -> dict:
    """Decrypt with any configured key. Internal: callers go through ``unseal``."""
    try:
        return json.loads(_multi().decrypt(bytes(ciphertext)))
    except InvalidToken as exc:
        raise SealError("No configured key opens this sealed identity.") from exc


def seal_case_identity(case: Case, identity: dict) -> SealedIdentity:
    """Store (or replace) the sealed identity of ``case``; call inside the caller's transaction."""
    ciphertext = seal(identity)
    sealed, created = SealedIdentity.objects.get_or_create(
        case=case, defaults={"ciphertext": ciphertext}
    )
    if not created:
        sealed.ciphertext = ciphertext
        sealed.save(update_fields=["ciphertext"])
    return sealed


def sealed_identity_of(case: Case) -> dict | None:
    """The identity of ``case`` for internal moves (split, reclassification); never shown."""
    row = SealedIdentity.objects.filter(case=case).values_list("ciphertext", flat=True).first()
    return open_sealed(row) if row is not None else None


def _people(identity: dict) -> list[dict]:
    if "sender" in identity or "representatives" in identity:
        return [identity.get("sender") or {}, *(identity.get("representatives") or [])]
    return [identity]


# An address shorter than this many words ("thôn Một") names a place, not a person: it is not
# stripped, or every mention of the village would be.
MIN_ADDRESS_WORDS = 3


def _word_patterns(identity: dict) -> list[re.Pattern[str]]:
    """Each person's folded full name, and address of at least MIN_ADDRESS_WORDS words, as whole
    words with any spaces or punctuation between them."""
    patterns = []
    for person in _people(identity):
        for field, least in (("full_name", 1), ("address", MIN_ADDRESS_WORDS)):
            words = re.findall(r"\w+", fold(str(person.get(field) or "")))
            if len(words) >= least and len("".join(words)) >= 3:
                joined = r"[\W_]+".join(re.escape(word) for word in words)
                patterns.append(re.compile(rf"(?<!\w){joined}(?!\w)"))
    return patterns


def _digit_markers(identity: dict) -> list[str]:
    """Each person's phone (without its leading 0, so that +84 … matches) and identity number."""
    markers = []
    for person in _people(identity):
        for field in ("phone", "id_number"):
            digits = "".join(ch for ch in str(person.get(field) or "") if ch.isdigit())
            if field == "phone" and digits.startswith("0") and len(digits) >= 10:
                digits = digits[1:]
            if len(digits) >= 6:
                markers.append(digits)
    return markers


def _identity_spans(identity: dict, text: str) -> list[tuple[int, int]]:
    """Where ``text`` (NFC) holds the name, the address, the phone or the identity number of a
    person of ``identity``: (start, end) pairs, the smallest that cover each mention."""
    folded = fold_aligned(text)  # the same length as ``text``: spans map one to one
    spans = [m.span() for pattern in _word_patterns(identity) for m in pattern.finditer(folded)]
    markers = _digit_markers(identity)
    for match in NUMBER_RE.finditer(text):
        positions = [match.start() + k for k, ch in enumerate(match.group()) if ch.isdigit()]
        digits = "".join(text[k] for k in positions)
        for marker in markers:
            found = digits.find(marker)
            while found != -1:
                spans.append((positions[found], positions[found + len(marker) - 1] + 1))
                found = digits.find(marker, found + 1)
    return sorted(spans)


def text_reveals_identity(case: Case, *texts: str) -> bool:
    """Whether any of ``texts`` (a conclusion, a summary for the accused, a reason, a report)
    holds the sealed denouncer's full name or address — also without diacritics or with other
    punctuation — phone or identity number (Law on Denunciations Arts 8(1), 40(3), 56). Used
    by the services before they write such a text; nothing is revealed to the caller but the
    answer."""
    identity = sealed_identity_of(case)
    if not identity:
        return False
    text = unicodedata.normalize("NFC", "\n".join(str(t or "") for t in texts))
    return bool(_identity_spans(identity, text))


REDACTED = "[…]"


def redact_identity(case: Case, text: str) -> str:
    """``text`` with the sealed denouncer's name and address (also written without diacritics),
    phone and identity number replaced by "[…]" — the copy of a denunciation's content that
    officials other than the handler see (Law on Denunciations Art. 56(1)(b): the identity is
    stripped from the letter before it reaches verifiers). Text without a sealed identity is
    returned as it is."""
    identity = sealed_identity_of(case) if text else None
    return _redact(identity, text) if identity else text


def _redact(identity: dict, text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    spans = _identity_spans(identity, text)
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out += [text[last:start], REDACTED]
        last = end
    out.append(text[last:])
    return "".join(out)


# Kinds whose sender may be sealed: their subject is the denouncer's own words.
SEALED_CASE_KINDS = ("denunciation", "information")


def redactor_for(actor: Any, case: Case) -> Callable[[str], str]:
    """What ``actor`` reads of ``case``'s texts (content, subject, the notes of its steps):
    unchanged for the assigned handler and for a case without a sealed identity; otherwise with
    the denouncer's identity stripped (Art. 56). Opens the sealed identity at most once."""
    if case.handler_id is not None and case.handler_id == getattr(actor, "pk", None):
        return lambda text: text
    identity = sealed_identity_of(case)
    if not identity:
        return lambda text: text

    def redact(text: str) -> str:
        return _redact(identity, text) if text else text

    return redact


def listed_subject(actor: Any, case: Case) -> str:
    """The subject in a list (the queue, the API's list): a denunciation's — or any case whose
    sender is sealed, the list's ``sealed`` annotation, whatever the case became — only for its
    handler, "" for anyone else: a list does not open every sealed identity to redact it."""
    sealed = case.kind in SEALED_CASE_KINDS or getattr(case, "sealed", False)
    if sealed and case.handler_id != getattr(actor, "pk", None):
        return ""
    return case.subject


def _refuse_unseal(actor: Any, case: Case, problem: str, reason: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=UNSEAL_REFUSED_ACTION,
            target=case,
            unit=case.unit,
            data={"tracking_code": case.tracking_code, "problem": problem, "reason": reason},
        )


def unseal(*, actor: Any, case: Case, reason: str) -> dict:
    """The denouncer's identity, for the case's assigned handler only, with a written reason.

    Refusals (not the handler, no reason, nothing sealed) are audited and raise PetitionError;
    nothing is revealed."""
    reason = " ".join(str(reason or "").split())[:500]
    actor_id = getattr(actor, "pk", None)
    if (
        not getattr(actor, "is_authenticated", False)
        or case.handler_id is None
        or case.handler_id != actor_id
    ):
        problem = "not_handler"
    elif not reason:
        problem = "no_reason"
    else:
        problem = ""
    if problem:
        _refuse_unseal(actor, case, problem, reason)
        if problem == "not_handler":
            raise PetitionError(
                _("Only the handler assigned to this case may open the sealed identity.")
            )
        raise PetitionError(_("State why you need to open the sealed identity."))
    with transaction.atomic():
        row = SealedIdentity.objects.filter(case=case).first()
        if row is None:
            identity = None
        else:
            identity = open_sealed(row.ciphertext)
            audit_record(
                actor=actor,
                action=UNSEALED_ACTION,
                target=case,
                unit=case.unit,
                data={"tracking_code": case.tracking_code, "reason": reason},
            )
    if identity is None:
        _refuse_unseal(actor, case, "nothing_sealed", reason)
        raise PetitionError(_("This case has no sealed identity."))
    return identity


def owner_digest(user: Any, index: int) -> str:
    """HMAC-SHA256 of the user's id and the index of the case among the user's web cases,
    keyed from SECRET_KEY; "" for an anonymous visitor."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return ""
    message = f"{user.pk}:{int(index)}"
    return salted_hmac(OWNER_DIGEST_SALT, message, algorithm="sha256").hexdigest()


def _digests_in_use(user: Any) -> dict[int, str]:
    """{index: digest} of every digest some case carries, looked up a batch at a time until a
    batch ends with ``OWNER_DIGEST_GAP`` unused indexes in a row."""
    found: dict[int, str] = {}
    start = 0
    while True:
        batch = {owner_digest(user, i): i for i in range(start, start + OWNER_DIGEST_BATCH)}
        used = set(
            Case.objects.filter(owner_digest__in=list(batch))
            .values_list("owner_digest", flat=True)
            .distinct()
        )
        found.update({batch[d]: d for d in used})
        end = start + OWNER_DIGEST_BATCH
        if not found or max(found) < end - OWNER_DIGEST_GAP:
            return found
        start = end


def owner_digests(user: Any) -> list[str]:
    """The digests the signed-in ``user``'s cases carry (empty for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return []
    return list(_digests_in_use(user).values())


def new_owner_digest(user: Any) -> str:
    """The digest of the signed-in ``user``'s next case; "" for an anonymous visitor. Call it
    inside the transaction that stores the case: the user's row is locked so that two cases
    sent at once do not get the same index."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return ""
    from django.contrib.auth import get_user_model

    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    used = _digests_in_use(user)
    return owner_digest(user, max(used) + 1 if used else 0)


def reseal_all(*, batch_size: int = 500) -> int:
    """Re-encrypt every sealed identity with the first key (MultiFernet.rotate), in batches of
    ``batch_size`` rows, each batch in its own transaction; returns how many rows were sealed
    again."""
    multi = _multi()
    count = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            rows = list(
                SealedIdentity.objects.select_for_update()
                .filter(pk__gt=last_pk)
                .order_by("pk")[:batch_size]
            )
            if not rows:
                break
            for row in rows:
                try:
                    row.ciphertext = multi.rotate(bytes(row.ciphertext))
                except InvalidToken as exc:
                    raise SealError(f"No configured key opens sealed identity #{row.pk}.") from exc
            SealedIdentity.objects.bulk_update(rows, ["ciphertext"])
            count += len(rows)
            last_pk = rows[-1].pk
    return count
