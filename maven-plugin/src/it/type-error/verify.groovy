// The error is in Maven's log as file:line:col (what IDEs link) and in the failure message, with no
// stack trace; the good file of the same build is still compiled.
def log = new File(basedir, 'build.log').text
def where = new File(basedir, 'src/main/tm/nested/bad.tm').canonicalPath + ':4:10: '
def message = 'arithmetic operator + on bool operands'
assert log.contains('[ERROR] ' + where + message)
assert log.contains('tmc found 1 error:')
assert log =~ /Failed to execute goal dev\.tmc:tmc-maven-plugin:[^ ]+:generate .*tmc found 1 error:/
assert !(log =~ /\n\s+at [\w.$]+ ?\(/): 'no stack trace in the log'
assert log.contains('tmc: compiled 1 file, 0 up to date, 1 error')
assert new File(basedir, 'target/generated-sources/tmc/it/fine/Fine.java').isFile()
true
