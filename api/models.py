"""The API's data: the tokens machines and people sign in with."""
