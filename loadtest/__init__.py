"""Load and fault tests against the production setup on loopback (``make loadtest``, ``make faulttest``)."""
