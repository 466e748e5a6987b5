"""The REST API under /api: one router per resource (`routes/`), the typed dependencies they
get the service and the store through (`deps`), the query parameters they share (`queries`),
the error shapes (`errors`) and the middlewares that hold every request and response to the
server's limits (`middleware`).  `propalens.server.create_app` assembles them with the pages
of `propalens.web`."""
