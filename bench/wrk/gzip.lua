-- A browser's request for a file of the web app: it accepts gzip.
wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
