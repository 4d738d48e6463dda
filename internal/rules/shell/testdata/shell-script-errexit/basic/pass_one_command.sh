#!/bin/sh
exec /opt/app/bin/server --port 8080
