// Each build's summary line, in order: all, none, then only the edited file.
def lines = new File(basedir, 'build.log').readLines().findAll { it.contains('tmc: compiled') }
assert lines.size() == 3: lines
assert lines[0].endsWith('tmc: compiled 2 files, 0 up to date'): lines
assert lines[1].endsWith('tmc: compiled 0 files, 2 up to date'): lines
assert lines[2].endsWith('tmc: compiled 1 file, 1 up to date'): lines
assert new File(basedir, 'src/main/tm/second.tm').text.contains('x * x * x')
true
