#!/usr/bin/env sh
# Runs the chat service on http://localhost:8000 with its embedded defaults (embedded PostgreSQL,
# data in ./data). Builds the executable jar first when it is missing or older than the sources.
# Configuration: environment variables, see README.md. Extra arguments go to the JVM.
set -eu
cd "$(dirname "$0")"
jar=bootstrap/target/chat-server.jar
# (target/ is skipped: the build itself writes sources there, e.g. the benchmarks' generated JMH classes,
# after the jar, which would otherwise make the next start rebuild once more)
# (the web client's files count too: they are resources of the jar)
if [ ! -f "$jar" ] || [ -n "$(find . \( -path ./data -o -path '*/target' -o -path '*/node_modules' \) -prune -o \( -name '*.java' -o -name '*.sql' -o -name 'pom.xml' -o -name '*.xml' -path '*/src/main/resources/*' -o -path './web-client/src/main/resources/*' -type f \) -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
  echo "building $jar ..."
  mvn -q -DskipTests -Djacoco.skip=true package
fi
echo "starting: the web client will be at http://localhost:${CHAT_HTTP_PORT:-8000}/app/ (the API at http://localhost:${CHAT_HTTP_PORT:-8000}/docs)"
exec java "$@" -jar "$jar"
