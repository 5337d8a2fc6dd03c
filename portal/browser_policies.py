"""The browser policies of every page (imported by the settings; no environment in them)."""

from csp.constants import NONCE, NONE, SELF

# Content-Security-Policy (django-csp 4): only the portal's own files run; every inline <script>
# carries the request's nonce; no inline style or handler. Pages with other needs (the API's
# Swagger UI and Redoc) relax it with csp decorators on those views only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features the portal never uses: denied to it and to anything it embeds.
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]
