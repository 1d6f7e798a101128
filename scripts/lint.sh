#!/usr/bin/env bash
# The small checks, one by one, each reporting OK or FAIL; exits non-zero when any fails.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
check() {
    local name=$1
    shift
    local out
    if out=$("$@" 2>&1); then
        echo "lint: OK   $name"
    else
        echo "lint: FAIL $name"
        echo "$out" | head -n 30 | sed 's/^/    /'
        status=1
    fi
}
cpp_files() { git ls-files --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp'; }

check "clang-format 14" bash scripts/format.sh --check
check "no ../ includes" bash -c "! grep -nE '#include \"\\.\\./' \$(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp')"
check "SQL only in sql_*_repository.cpp, storage/ and reference loaders" bash -c "
    ! grep -lE '\"(SELECT|INSERT|UPDATE|DELETE) ' \$(git ls-files --cached --others --exclude-standard -- 'src/*.cpp' 'src/*.hpp') \
      | grep -vE '(/sql_[a-z_]+_repository\.cpp$|^src/storage/|/reference_data\.cpp$|_test\.cpp$|^src/app/routes\.cpp$)'"
check "domain files do not include http/ or html/" bash -c "
    ! grep -lE '#include \"(http|html)/' \$(git ls-files --cached --others --exclude-standard -- 'src/modules/*') \
      | grep -vE '_(api|pages|routes|json)\.(cpp|hpp)$'"
check "no unescaped mustache output ({{{x}}} or {{&x}}) in templates" bash -c "! grep -rnE '\{\{\{|\{\{ *&' web/templates"
check "newline at end of file" bash -c "
    for f in \$(git ls-files --cached --others --exclude-standard -- 'src/*' 'tests/*' 'web/*' 'migrations/*' 'docs/*' 'bench/*'); do
        [ -s \"\$f\" ] && [ \"\$(tail -c1 \"\$f\" | od -An -c | tr -d ' ')\" != '\\n' ] && echo \"\$f\" && exit 1
    done; exit 0"
check "i18n catalog: every key has vi and en" python3 -c "
import json,sys
c=json.load(open('web/i18n/catalog.json'))
bad=[k for k,v in c.items() if not (isinstance(v,dict) and v.get('vi') and v.get('en'))]
sys.exit('missing: '+', '.join(bad) if bad else 0)"
check "templates use only catalog keys that exist" python3 -c "
import json,re,glob,sys
keys=set(json.load(open('web/i18n/catalog.json')))
used=set()
for f in glob.glob('web/templates/**/*.html',recursive=True):
    used|=set(re.findall(r'\{\{\s*t\.([a-z0-9_]+)\s*\}\}',open(f).read()))
missing=sorted(used-keys)
sys.exit('unknown keys: '+', '.join(missing) if missing else 0)"
exit $status
