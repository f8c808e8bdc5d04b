"""Offline UK geography: postcodes, local authorities, nations, and the data the browser uses."""
