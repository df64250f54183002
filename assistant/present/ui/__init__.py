"""Stage 6, present: the gradio workspace (Dutch). A thin layer over the `Assistant`:
layout.py lays out the controls, handlers.py answers their events, cards.py formats sources.

Entry points: `build_app(assistant)`, `serve(settings, host, port)`.
"""

from __future__ import annotations

import os

from starlette.middleware import Middleware

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

from assistant import messages  # noqa: E402
from assistant.access import LOCAL_HOSTS, Login, load_users  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.present.ui.cards import CSS  # noqa: E402
from assistant.present.ui.dutch import DutchPage, i18n, toast_css  # noqa: E402
from assistant.present.ui.layout import build_app  # noqa: E402
from assistant.service import Assistant  # noqa: E402

__all__ = ["build_app", "serve"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start the workspace; bound to localhost unless a host is given. No share link.

    With a users file in the settings, everyone logs in; a host other than localhost is
    refused without one.
    """
    auth = Login(load_users(settings.users_file)) if settings.users_file else None
    if auth is None and host not in LOCAL_HOSTS:
        raise ValueError(messages.expose_without_login(host))
    assistant = Assistant(settings)
    warming = assistant.warm_up(background=True)  # overlaps building the app
    app = build_app(assistant)
    warming.join()
    assistant.fill_in_background()  # E5 vectors an earlier ingest left to do
    app.queue(default_concurrency_limit=8)
    app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        run_history=False,
        show_error=True,
        auth=auth,
        allowed_paths=[str(settings.corpus_dir.resolve())],
        max_file_size=f"{settings.max_upload_mb}mb",
        css=CSS + toast_css(),
        footer_links=["api"],
        i18n=i18n(),
        app_kwargs={"middleware": [Middleware(DutchPage)]},
    )
