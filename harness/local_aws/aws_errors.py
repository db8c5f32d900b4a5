"""AWS error answers in the shape of the request's protocol, so SDKs parse
the error code and message as they do for AWS:

  JSON (the request carries X-Amz-Target: ECS, CloudWatch Logs)
      {"__type": code, "message": message}, the request's JSON content type
      (application/x-amz-json-1.1 or 1.0), X-Amzn-ErrorType: code
  EC2 query
      <Response><Errors><Error><Code/><Message/></Error></Errors>
      <RequestID/></Response>
  other query services (ELBv2, STS, IAM)
      <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/>
      </Error><RequestId/></ErrorResponse>  (Receiver for HTTP 5xx)

Every answer carries x-amzn-RequestId.
"""

import json
import uuid
from http import HTTPStatus
from xml.sax.saxutils import escape

JSON_CONTENT_TYPES = ("application/x-amz-json-1.1", "application/x-amz-json-1.0")


def _status_line(status):
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Error"


def error_answer(environ, service, code, message, status):
    """(status line, headers, body) of an AWS error for this request."""
    request_id = str(uuid.uuid4())
    if environ.get("HTTP_X_AMZ_TARGET"):
        requested = environ.get("CONTENT_TYPE", "")
        content_type = next((t for t in JSON_CONTENT_TYPES if requested.startswith(t)),
                            JSON_CONTENT_TYPES[0])
        body = json.dumps({"__type": code, "message": message})
        headers = [("Content-Type", content_type), ("X-Amzn-ErrorType", code)]
    elif service == "ec2":
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Response><Errors><Error><Code>{escape(code)}</Code>"
            f"<Message>{escape(message)}</Message></Error></Errors>"
            f"<RequestID>{request_id}</RequestID></Response>"
        )
        headers = [("Content-Type", "text/xml")]
    else:
        party = "Receiver" if status >= 500 else "Sender"
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<ErrorResponse><Error><Type>{party}</Type><Code>{escape(code)}</Code>"
            f"<Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        headers = [("Content-Type", "text/xml")]
    data = body.encode()
    headers += [("x-amzn-RequestId", request_id), ("Content-Length", str(len(data)))]
    return _status_line(status), headers, data
