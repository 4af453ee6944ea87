# Build, test and install Staybook. The binary carries its theme and starter handbook, so it is
# the only file installed and works from any folder.
#   make && sudo make install            # → /usr/local/bin/staybook
#   make install PREFIX=$$HOME/.local     # → ~/.local/bin/staybook
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SWIFT ?= swift

.PHONY: build install uninstall test serve

build:
	$(SWIFT) build -c release --product staybook

install: build
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/staybook" "$(DESTDIR)$(BINDIR)/staybook"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/staybook"

test:
	$(SWIFT) test

# The example handbook with live reload: http://127.0.0.1:8080/handbook/
serve:
	$(SWIFT) run staybook serve
