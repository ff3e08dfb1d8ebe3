"""The hub over HTTPS (`kiosk-hub serve --certfile --keyfile`): a terminal that trusts the
city's CA (SSL_CERT_FILE) syncs; one that does not is refused and keeps its changes."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine

from kiosk.cli import main as kiosk
from sync import provisioning
from sync.hub.terminals import add_terminal
from tests.sync.conftest import HALL_A
from tests.sync.netparts import hub_process

KIOSK = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]
# Soon, not far: the hub refuses start dates more than a year ahead.
START = (dt.date.today() + dt.timedelta(days=30)).isoformat()
JOB = ["job", "add", "--employer-name", "李先生", "--employer-phone", "13905317788",
       "--trade", "C01", "--title", "外墙砌砖", "--place", "槐荫区阳光小区",
       "--start-date", START, "--pay", "300", "--pay-unit", "day",
       "--settlement", "daily", "--headcount", "2"]


def make_city_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a certificate it signs for 127.0.0.1: (cert, key, CA cert) PEM files."""
    now = dt.datetime.now(dt.UTC)
    start, end = now - dt.timedelta(days=1), now + dt.timedelta(days=30)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "济南市零工平台 CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(start).not_valid_after(end)
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = (folder / "hub.pem", folder / "hub.key.pem", folder / "ca.pem")
    paths[0].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    paths[2].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    return paths


def sync_once(data: str, ca: Path | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    if ca is not None:
        env["SSL_CERT_FILE"] = str(ca)
    return subprocess.run([*KIOSK, "--data-dir", data, "sync", "--once", "--json"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_terminal_trusting_the_city_ca_syncs_over_https(hub_engine: Engine,
                                                         tmp_path: Path) -> None:
    tls = make_city_ca(tmp_path)
    url = hub_engine.url.render_as_string(hide_password=False)
    with hub_process(url, tmp_path / "hub.log", tls=tls) as base:
        assert base.startswith("https://")
        data = str(tmp_path / "terminal")
        assert kiosk(["--data-dir", data, "init"]) == 0
        assert kiosk(["--data-dir", data, *JOB]) == 0
        terminal, token = add_terminal(hub_engine, HALL_A, "tls")
        provisioning.save(Path(data) / provisioning.FILE_NAME, provisioning.Provisioning(
            hub=base, terminal=terminal, hall=HALL_A, token=token))

        refused = sync_once(data, None)  # the city's CA is not trusted: no connection
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert json.loads(refused.stdout)["acked"] == 0

        trusted = sync_once(data, tls[2])
        assert trusted.returncode == 0, trusted.stderr
        report = json.loads(trusted.stdout)
        assert report["ok"] and report["acked"] == 2  # the employer and the job
