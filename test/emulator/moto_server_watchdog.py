"""Runs moto's server for the emulator and dies with its parent.

Started by moto-process.ts. Binds 127.0.0.1 on the given port (0: the kernel picks a free one, so
parallel test files never race for a port), prints "READY <port>" once it accepts connections,
then blocks reading stdin: when the Node parent closes the pipe or dies (even by SIGKILL), the read
returns and this process exits, so no moto server outlives its test.
"""
import logging
import os
import sys

try:
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
except ImportError as error:  # moto (with its server extra) is not installed for this Python
    print(f"MOTO_MISSING {error}", flush=True)
    sys.exit(3)

# Werkzeug logs every request to stderr; nobody reads it, and a full pipe would block moto.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
print(f"READY {server.get_host_and_port()[1]}", flush=True)
sys.stdin.read()
os._exit(0)
