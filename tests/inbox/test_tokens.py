"""The signed reply address (CHN-1): round trip, and every forgery refused."""

from django.test import override_settings

from inbox.tokens import ReplyToken, parse_reply_address, reply_address


def test_round_trip():
    address = reply_address("12345678", 42)
    assert address.startswith("suporte+12345678.42.") and address.endswith("@portal.example")
    assert parse_reply_address(address) == ReplyToken("12345678", 42)
    assert parse_reply_address(f"<{address.upper()}>") == ReplyToken("12345678", 42)  # case changed


def test_forgeries_and_strangers_are_refused():
    address = reply_address("12345678", 42)
    local, _, domain = address.partition("@")
    assert parse_reply_address(local.replace(".42.", ".43.") + "@" + domain) is None  # another user
    assert parse_reply_address(local.replace("12345678", "12345679") + "@" + domain) is None  # another ticket
    assert parse_reply_address(f"{local}@outro.example") is None
    assert parse_reply_address("suporte@portal.example") is None
    assert parse_reply_address("vendas+" + local.partition("+")[2] + "@portal.example") is None
    assert parse_reply_address("not an address") is None


def test_the_secret_key_signs():
    address = reply_address("12345678", 42)
    with override_settings(SECRET_KEY="another-key-for-the-test-only-xxxxxxxxxxxxxxxxxxxxxxx"):
        assert parse_reply_address(address) is None
