public enum IndexingPlaceholder {}
