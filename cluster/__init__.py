"""make cluster and make clustertest: the portal on several app nodes on loopback."""
