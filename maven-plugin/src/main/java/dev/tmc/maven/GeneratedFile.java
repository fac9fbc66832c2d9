// One file the plugin writes: under the Java source root or the resource root, at a relative path.
package dev.tmc.maven;

record GeneratedFile(Root root, String path) {
    enum Root { JAVA, RESOURCES }

    /** {@code java/com/acme/Mlp.java}: how the build state names it. */
    String key() {
        return (root == Root.JAVA ? "java/" : "resources/") + path;
    }

    static GeneratedFile ofKey(String key) {
        if (key.startsWith("java/")) {
            return new GeneratedFile(Root.JAVA, key.substring("java/".length()));
        }
        if (key.startsWith("resources/")) {
            return new GeneratedFile(Root.RESOURCES, key.substring("resources/".length()));
        }
        throw new IllegalArgumentException("not a generated file's key: " + key);
    }
}
