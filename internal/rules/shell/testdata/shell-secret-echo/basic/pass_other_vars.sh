#!/bin/sh
set -e
echo "installing $APP_VERSION as $APP_USER"
