"""Most-read rankings: views counted by a beacon, per story per hour, without identifying anyone."""
