"""No admin for notifications or delivery preferences: they belong to their recipient
alone (accounts.permissions: administrators included, nobody reads another's
notifications). Job runs are on the administrators' jobs page."""
