__all__ = ["EquilibriumComponents", "equilibrium_components"]
EquilibriumComponents = equilibrium_components = None
