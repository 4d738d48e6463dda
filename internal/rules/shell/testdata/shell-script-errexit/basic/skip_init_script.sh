#!/bin/sh
### BEGIN INIT INFO
# Provides: app
### END INIT INFO
case "$1" in
  start) /opt/app/bin/start ;;
  stop) /opt/app/bin/stop ;;
esac
pidof app > /dev/null
