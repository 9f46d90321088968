"""One-off maintenance tools, run by hand (`python -m scripts.NAME`); the app and the ETL never import them."""
