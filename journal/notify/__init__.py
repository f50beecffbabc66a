"""E-mail digests: what each person should hear about, sent once, through SMTP."""
