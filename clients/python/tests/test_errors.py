"""Errors as exceptions with status and field violations; bearer tokens; TLS."""

import datetime
import pickle
import socket

import grpc
import pytest

import gemfill

from servers import TOKEN, serve


def test_invalid_argument_carries_every_field_violation(client):
    with pytest.raises(gemfill.InvalidArgument) as raised:
        client.synthesize([("a", "A"), (["b", "c"], "B"), ([], "C")], top_k=1000)
    error = raised.value

    assert isinstance(error, gemfill.GemfillError)
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert [v.field for v in error.field_violations] == [
        "examples[1].inputs",
        "examples[2].inputs",
        "options.top_k",
    ]
    assert error.field_violations[0] == (
        "examples[1].inputs",
        "2 input columns, but examples[0].inputs has 1; every example and unlabeled row "
        "needs the same columns",
    )
    assert "2 more problems" in error.message
    text = str(error)
    assert text.startswith("INVALID_ARGUMENT: invalid request: examples[1].inputs")
    assert "\n  examples[2].inputs: no input columns" in text
    assert "\n  options.top_k: 1000; at most 100" in text


def test_a_program_that_does_not_parse(client):
    with pytest.raises(gemfill.InvalidArgument) as raised:
        client.execute('concat(x, "!', ["a"])
    (violation,) = raised.value.field_violations
    assert violation.field == "program"
    assert "never closed" in violation.description


def test_limits_are_the_servers(client):
    with pytest.raises(gemfill.InvalidArgument) as raised:
        client.synthesize([("a" * 10001, "b")])
    assert raised.value.field_violations[0].field == "examples[0].inputs[0]"
    with pytest.raises(gemfill.InvalidArgument) as raised:
        client.synthesize([("a", "A")], timeout=61)
    assert raised.value.field_violations[0].field == "options.deadline_ms"


def test_a_mode_without_its_model_is_a_failed_precondition(client):
    with pytest.raises(gemfill.FailedPrecondition) as raised:
        client.synthesize([("a", "A")], mode="neural")
    assert raised.value.code == grpc.StatusCode.FAILED_PRECONDITION
    assert "needs a neural model" in raised.value.message
    assert raised.value.field_violations == []


def test_errors_pickle_with_their_details(client):
    with pytest.raises(gemfill.InvalidArgument) as raised:
        client.synthesize([([], "x")])
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is gemfill.InvalidArgument
    assert (copy.code, copy.message, copy.field_violations) == (
        raised.value.code,
        raised.value.message,
        raised.value.field_violations,
    )


def test_python_values_without_a_message_form_are_type_errors(client):
    with pytest.raises(TypeError, match=r"examples\[0\]: the output must be a string, got int"):
        client.synthesize([("a", 1)])
    with pytest.raises(TypeError, match=r"examples\[1\]: expected an \(inputs, output\) pair"):
        client.synthesize([("a", "A"), "bB"])
    with pytest.raises(TypeError, match=r"unlabeled\[0\]\[1\]: expected a string"):
        client.synthesize([("a", "A")], unlabeled=[["x", None]])
    with pytest.raises(ValueError, match="mode: expected one of"):
        client.synthesize([("a", "A")], mode="fast")
    with pytest.raises(ValueError, match="timeout: expected a positive number"):
        client.synthesize([("a", "A")], timeout=0)
    with pytest.raises(TypeError, match=r"tables\['t'\]\['k'\]"):
        client.execute("x", ["a"], tables={"t": {"k": 1}})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_server_is_unavailable():
    with gemfill.Client(f"127.0.0.1:{free_port()}") as client:
        with pytest.raises(gemfill.Unavailable) as raised:
            client.explain("x")
        assert raised.value.code == grpc.StatusCode.UNAVAILABLE
        with pytest.raises(gemfill.Unavailable, match="no gemfill server answered"):
            client.wait_ready(timeout=0.5)


def test_a_token_is_required_when_the_server_has_one(with_token):
    with with_token.client() as anonymous:
        with pytest.raises(gemfill.Unauthenticated) as raised:
            anonymous.explain("x")
        assert raised.value.code == grpc.StatusCode.UNAUTHENTICATED
        assert "needs a token" in raised.value.message
    with with_token.client(token="wrong") as wrong:
        with pytest.raises(gemfill.Unauthenticated, match="token is wrong"):
            wrong.synthesize([("a", "A")])
        with pytest.raises(gemfill.Unauthenticated):
            list(wrong.transform("x", ["a"]))


def test_every_call_sends_the_token(with_token):
    with with_token.client(token=TOKEN) as client:
        assert client.synthesize([("a", "A")]).best is not None
        assert [e for e in client.synthesize_stream([("a", "A")])][-1].best is not None
        assert client.suggest_example([("a", "A")], ["b"]).programs
        assert client.execute("case(x, upper)", ["b"])[0].value == "B"
        assert [o.value for o in client.transform("case(x, upper)", ["c", "d"])] == ["C", "D"]
        assert client.explain("x").num_inputs == 1


@pytest.fixture(scope="module")
def with_tls(tmp_path_factory):
    """A server with a self-signed certificate for 127.0.0.1."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "gemfill test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_pem = certificate.public_bytes(serialization.Encoding.PEM)
    (folder / "cert.pem").write_bytes(cert_pem)
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    flags = ["--symbolic-only", "--tls-cert", str(folder / "cert.pem")]
    flags += ["--tls-key", str(folder / "key.pem")]
    with serve(folder, *flags, root_cert=cert_pem) as server:
        server.cert_path = folder / "cert.pem"
        yield server


def test_tls_with_the_servers_certificate(with_tls):
    with gemfill.Client(with_tls.addr, root_certificates=with_tls.cert_path) as client:
        assert client.explain("x").canonical_text == "x"
        assert [o.value for o in client.transform("case(x, upper)", ["a"])] == ["A"]


def test_tls_mismatch_is_unavailable(with_tls):
    with gemfill.Client(with_tls.addr) as plaintext, pytest.raises(gemfill.Unavailable):
        plaintext.explain("x", timeout=5)
    # With TLS but only the system's roots, which do not vouch for a self-signed certificate.
    untrusted = gemfill.Client(with_tls.addr, tls=True)
    with untrusted, pytest.raises(gemfill.Unavailable):
        untrusted.explain("x", timeout=5)


def test_past_the_concurrency_limit_is_resource_exhausted(tmp_path):
    with serve(tmp_path, "--symbolic-only", "--max-concurrent", "1") as server:
        client = server.client()
        # A search with no answer in the language holds the only slot until cancelled.
        busy = client.synthesize_stream([("abc", "1x9q"), ("de", "zz7")], timeout=30)
        next(busy)
        with client, pytest.raises(gemfill.ResourceExhausted) as raised:
            client.synthesize([("a", "A")])
        assert raised.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
        busy.close()


def test_a_missed_deadline_is_deadline_exceeded(client):
    rows = ["a b c"] * 10000
    with pytest.raises(gemfill.DeadlineExceeded):
        client.execute("token(x, Word, 2)", rows, timeout=0.001)
