# Strata container image: a static Go binary on a distroless, non-root base.
#
#   docker build -t strata .
#   docker run --rm --read-only --cap-drop ALL -p 8080:8080 \
#     -e STRATA_BASE_URL=https://health.example.org strata
#
# STRATA_BASE_URL is the address readers use (canonical links, sitemap, feed);
# the image has none, as the same image is served at many addresses.
#
# Both base images are build arguments, so a build without registry access can
# pass local stand-ins (see .ci/container-test.sh):
#
#   podman build --format docker \
#     --build-arg GO_IMAGE=localhost/strata-standin/go:1.26.10 \
#     --build-arg RUNTIME_IMAGE=localhost/strata-standin/static:nonroot -t strata .
#
# `--format docker` matters for Podman/Buildah only: the OCI image format has no
# HEALTHCHECK field, so Buildah drops it unless the Docker format is asked for.

ARG GO_IMAGE=golang:1.26.10-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/static-debian12:nonroot

# ---- build ------------------------------------------------------------------
FROM ${GO_IMAGE} AS build
WORKDIR /src

# Modules first, so this layer stays cached until go.mod or go.sum changes.
COPY go.mod go.sum ./
RUN go mod download

COPY . .
ARG VERSION=dev
# VERSION is stamped into main.version (`strata version` prints it).
# The build cache is a cache mount (BuildKit, Buildah/Podman): rebuilds after a
# source change recompile only what changed. It is not part of any layer.
RUN --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
        -o /out/strata ./cmd/strata

# ---- runtime ----------------------------------------------------------------
FROM ${RUNTIME_IMAGE}
ARG VERSION=dev
LABEL org.opencontainers.image.title="strata" \
      org.opencontainers.image.description="Strata: tiered health articles" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/strata /strata
USER 65532:65532
EXPOSE 8080
ENV STRATA_ADDR=:8080
# `strata healthcheck` reads STRATA_ADDR too, so it follows a changed address.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["/strata", "healthcheck"]
ENTRYPOINT ["/strata"]
CMD ["serve"]
