"""The browsable site of ``policykg serve``: a front page, search, and a page per
node (Linked Data: HTML, or RDF by content negotiation). Pages are functions of a
``GraphStore`` (``pages.py``) in one page shell (``layout.py``); the HTTP server
routes requests to them."""
