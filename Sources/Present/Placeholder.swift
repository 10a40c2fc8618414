public enum PresentPlaceholder {}
