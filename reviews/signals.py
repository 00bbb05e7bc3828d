"""Keep cached pages honest: any change to site data made outside an import bumps the version."""
