"""Starting and stopping the server: one process, stopped by Ctrl-C or SIGTERM, in hub or standalone mode."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from urllib.parse import urlsplit

from tornado import httpserver

from .app import ServerState, make_app
from ...environment import environment
from .guard import NOTICES, SECURITY_HEADERS
from .identity import hub_environment
from .ports import check_port

TORNADO_400 = b"HTTP/1.1 400 Bad Request\r\n\r\n"
_BAD_REQUEST_BODY = (NOTICES[400] + "\n").encode()
BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\n" + "".join(f"{k}: {v}\r\n" for k, v in SECURITY_HEADERS.items())
               + "Content-Type: text/plain; charset=utf-8\r\n"
               + f"Content-Length: {len(_BAD_REQUEST_BODY)}\r\nConnection: close\r\n\r\n").encode() + _BAD_REQUEST_BODY


class HTTPServer(httpserver.HTTPServer):
    """Tornado's server, whose own 400 (a malformed request line or header, a body over max_body_size) carries
    the security headers and says what happened.

    Tornado's HTTP1Connection writes those bytes itself, with no header at all, before any handler (and so
    any set_default_headers) exists, and offers no hook for it. Each connection's stream gets a `write` that
    swaps that one exact response for ours and passes every other write through untouched.
    """

    def handle_stream(self, stream, address):
        write = stream.write

        def write_guarded(data, *args, **kwargs):
            return write(BAD_REQUEST if data == TORNADO_400 else data, *args, **kwargs)

        stream.write = write_guarded
        super().handle_stream(stream, address)


def hub_address() -> tuple[str, int, str]:
    """(host, port, prefix) JupyterHub gave the service."""
    env = environment()
    url = urlsplit(env.service_url or "http://127.0.0.1:10101")
    return url.hostname or "127.0.0.1", url.port or 80, env.service_prefix or "/"


def hub_hosts() -> list[str]:
    """Host names the hub says it is reached by (its public URLs), besides the service's own address."""
    names = []
    env = environment()
    for url in (env.hub_public_url, env.hub_public_hub_url, env.service_url):
        netloc = urlsplit(url).netloc
        if netloc:
            names += [netloc.lower(), netloc.lower().rsplit(":", 1)[0]]
    return names


def serve(state: ServerState, host: str, port: int, *, announce=print) -> int:
    """Listen until interrupted; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="[%(levelname)s %(asctime)s %(name)s] %(message)s",
                        stream=sys.stderr)
    if not state.hub:
        check_port(host, port)

    _settle()

    async def main():
        state.renders.start()
        app = make_app(state, hub=state.hub)
        # Twice the course's largest share: a body over the limit still reaches OneEntry.put, which refuses
        # it with a message (Tornado's own refusal of a larger one gets our headers from HTTPServer).
        server = HTTPServer(app, xheaders=state.hub, max_body_size=2 * state.store.settings.limits.notebook_bytes)
        server.listen(port, address=host)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        announce()
        await stop.wait()
        server.stop()
        state.worker.shutdown(wait=False, cancel_futures=True)
        state.exports.shutdown(wait=False, cancel_futures=True)
        state.renders.close()
        state.writes.shutdown(wait=True)      # comments being written are finished, never cut

    asyncio.run(main())
    print("Stopped.", file=sys.stderr, flush=True)
    return 0


def _settle() -> None:
    """Load what the first page needs now, then exempt everything loaded from the cyclic collector.

    pandas and nbconvert bring hundreds of thousands of long-lived objects; every full collection
    would walk them all in the middle of some visitor's request (the slowest 1% of page views).
    """
    import gc

    import pandas  # noqa: F401  (threads are read with it)

    gc.collect()
    gc.freeze()


__all__ = ["serve", "hub_address", "hub_hosts", "hub_environment"]
