"""What the courses app tells the rest of the platform."""

from django.dispatch import Signal

# Sent once per person and course, with `user`, `course` and `enrolment`, when the course
# is completed (the growth path awards points and checks promotion).
course_completed = Signal()
