//! Heroku Connect, discovery and Platform API client: endpoints as data, wire models and errors.
//! No I/O happens here; a `Transport` sends the requests.
