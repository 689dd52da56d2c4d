def build(*a, **k):
    pass
