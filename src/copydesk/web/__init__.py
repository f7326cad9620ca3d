"""The web app: search, read, audit and compare the articles of a store in the browser.

`create_app(db_path)` gives the FastAPI app (pages, ``/api`` JSON, OpenAPI at
``/openapi.json``); ``copydesk serve`` runs it with uvicorn.
"""

from copydesk.web.app import create_app

__all__ = ["create_app"]
