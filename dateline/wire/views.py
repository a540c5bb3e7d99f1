"""The push endpoint: agencies POST one item or a batch, authenticated per source."""

import hashlib
import hmac

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .formats import MAX_PAYLOAD_BYTES
from .ingest import receive
from .models import Payload, Source

SIGNATURE_HEADER = "X-Dateline-Signature"
# Names that suggest a credential; a secret in a URL ends up in logs and proxies.
SECRET_PARAMETERS = {"token", "secret", "key", "api_key", "apikey", "signature", "auth"}


def refuse(status, message, **extra):
    return JsonResponse({"error": message, **extra}, status=status)


def authenticated(request, source, body):
    """A bearer token equal to the source's secret, or an HMAC-SHA256 of the body signed with it."""
    secret = source.push_secret.encode()
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Bearer "):
        return hmac.compare_digest(authorization[7:].strip().encode(), secret)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    if signature.startswith("sha256="):
        expected = hmac.new(secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(signature[7:].strip().lower().encode(), expected.encode())
    return False


@csrf_exempt
@require_POST
def push(request, slug):
    if SECRET_PARAMETERS & {name.lower() for name in request.GET}:
        return refuse(
            400,
            "Never put a secret in the query string: send it in the Authorization header "
            f"or sign the body in {SIGNATURE_HEADER}.",
        )
    source = Source.objects.select_related("agency").filter(slug=slug).first()
    if source is None or source.delivery != Source.Delivery.PUSH:
        return refuse(404, f'There is no push source "{slug}".')
    if not source.enabled:
        return refuse(403, f'The source "{source.name}" is disabled.')
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > MAX_PAYLOAD_BYTES:
        return refuse(413, f"The payload is larger than the {MAX_PAYLOAD_BYTES:,}-byte limit.")
    body = request.read(MAX_PAYLOAD_BYTES + 1)
    if len(body) > MAX_PAYLOAD_BYTES:
        return refuse(413, f"The payload is larger than the {MAX_PAYLOAD_BYTES:,}-byte limit.")
    if not authenticated(request, source, body):
        response = refuse(
            401,
            "Authenticate with 'Authorization: Bearer <secret>' or an "
            f"'{SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body>' header.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="wire"'
        return response
    if not body.strip():
        return refuse(400, "The body is empty: send one item or a batch.")
    payload, outcomes = receive(
        source, body, via=Payload.Via.PUSH, content_type=request.content_type or ""
    )
    if payload.status == Payload.Status.FAILED or not outcomes:
        return refuse(
            422,
            f"The payload could not be read: {payload.error or 'it holds no items.'}",
            payload=payload.pk,
            errors=payload.item_errors,
        )
    items = [
        {"id": outcome["id"], "guid": outcome["guid"], "status": outcome["status"]}
        for outcome in outcomes
    ]
    errors = [
        {"index": error["index"], "guid": error["guid"], "message": error["message"]}
        for error in payload.item_errors
    ]
    return JsonResponse({"payload": payload.pk, "items": items, "errors": errors}, status=202)
