"""Live sync through platform APIs: connected accounts, one shared HTTP layer, one client per platform."""
