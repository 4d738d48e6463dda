#!/bin/sh
service jboss start && chkconfig jboss on
