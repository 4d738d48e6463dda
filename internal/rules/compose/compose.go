// Package compose holds the rules for Docker Compose projects, one rule
// per file. A service is graded with the image it builds: the graph links
// it to the Dockerfile stage of its build (c.Graph.Targets(service,
// "build")), so a USER or HEALTHCHECK in the image counts for the service.
package compose
