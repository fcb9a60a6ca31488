"""The bulk layer: aggregated events painted under the lanes and listed in a table."""
