"""The course inside an LMS (LTI 1.3 Advantage): launches through the hub's LTI13Authenticator, the roster from
the platform's membership list (NRPS), and marks in its gradebook (AGS)."""
