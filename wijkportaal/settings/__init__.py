"""Settings: ``base`` holds what every setup shares; ``dev``, ``test`` and ``production`` adjust it."""
