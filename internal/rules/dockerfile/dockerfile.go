// Package dockerfile holds the rules for Dockerfiles, one rule per file.
// Each rule reads one build stage (kind dockerfile/Stage, see
// internal/source/dockerfile for its attributes); a Compose service that
// builds the stage is found with c.Graph.Referrers(stage,
// "compose/Service", "build"), so that a USER or HEALTHCHECK set on the
// service counts for the image.
package dockerfile
