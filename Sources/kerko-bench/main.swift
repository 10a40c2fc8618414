print("kerko-bench: not implemented yet")
