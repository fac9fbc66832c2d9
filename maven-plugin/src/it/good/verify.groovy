// The build ran the generated pipeline in its test; here: the log line and what the jar holds.
import java.util.jar.JarFile

def log = new File(basedir, 'build.log').text
assert log.contains('tmc: compiled 1 file, 0 up to date')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')
assert new File(basedir, 'target/generated-sources/tmc/it/good/ScaledSoftmax.java').isFile()
def jar = new JarFile(new File(basedir, 'target/good-1.0.jar'))
try {
    assert jar.getEntry('it/good/ScaledSoftmax.class') != null
    assert jar.getEntry('it/good/softmax.tmplan.json') != null
} finally {
    jar.close()
}
true
